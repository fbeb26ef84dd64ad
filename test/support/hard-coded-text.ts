/**
 * User-facing text written into JSX rather than messages.json; parsed with the TypeScript
 * compiler, so comments, types and `t('key')` calls are not mistaken for texts.
 */
import ts from 'typescript'

/** Attributes whose value users see (tooltip, placeholder) or hear (accessible names). */
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder',
  'aria-valuetext', 'placeholder', 'alt', 'label'])

const HAS_LETTER = /\p{L}/u

export interface HardCodedText {
  line: number
  text: string
}

/** String literals an expression renders as its value: itself, a branch of ?:, the right of && / || / ??. */
function renderedLiterals(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) || ts.isTemplateExpression(expression)) return [expression]
  if (ts.isParenthesizedExpression(expression)) return renderedLiterals(expression.expression)
  if (ts.isConditionalExpression(expression)) return [...renderedLiterals(expression.whenTrue), ...renderedLiterals(expression.whenFalse)]
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return renderedLiterals(expression.right)
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      return [...renderedLiterals(expression.left), ...renderedLiterals(expression.right)]
    }
  }
  return []
}

function literalText(node: ts.Node, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  return node.getText(source)
}

export function findHardCodedTexts(code: string, fileName = 'sample.tsx'): HardCodedText[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: HardCodedText[] = []
  const report = (node: ts.Node, text: string): void => {
    if (!HAS_LETTER.test(text)) return
    found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: text.trim() })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text)
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of renderedLiterals(node.expression)) report(literal, literalText(literal, source))
    }
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const value = node.initializer
      if (ts.isStringLiteral(value)) report(value, value.text)
      else if (ts.isJsxExpression(value) && value.expression) {
        for (const literal of renderedLiterals(value.expression)) report(literal, literalText(literal, source))
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
