/**
 * The Check files page (issue 16): files picked or dropped are hashed here and looked up. The popup opens it, as a popup
 * can close when a file dialog takes the focus (Firefox, some window managers), taking the files with it.
 */
import { FileCheck } from '../ui/file-check.tsx'
import { renderStatusPage } from '../ui/status-page.tsx'
import '../ui/common.css'
import '../ui/views.css'
import './check-files.css'

renderStatusPage('checkFilesTitle', <FileCheck />)
