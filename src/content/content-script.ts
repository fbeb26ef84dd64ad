console.debug("HashLens content")
