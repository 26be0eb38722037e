// The renderer's house plan as a lint rule: imports only go down (app → features → ui → data → lib), and a feature
// reaches another feature only through that feature's index.ts, never its internals.
import path from 'node:path'

const LAYERS = ['lib', 'data', 'ui', 'features', 'app']

/** Where a file sits in src/renderer/src: its layer, and for a feature its name and the path inside it. */
function place(file) {
  const marker = `${path.sep}src${path.sep}renderer${path.sep}src${path.sep}`
  const at = file.lastIndexOf(marker)
  if (at < 0) return null
  const parts = file.slice(at + marker.length).split(path.sep)
  const layer = LAYERS.includes(parts[0]) ? parts[0] : null
  if (layer === 'features') return { layer, feature: parts[1], inner: parts.slice(2).join('/') }
  return { layer }
}

export const rendererLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Renderer imports go down the layers; features meet only through index.ts' },
    schema: [],
  },
  create(context) {
    const from = place(context.filename)
    if (!from || !from.layer) return {}
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const to = place(path.resolve(path.dirname(context.filename), source))
      if (!to || !to.layer) return
      if (LAYERS.indexOf(to.layer) > LAYERS.indexOf(from.layer)) {
        context.report({ node, message: `${from.layer}/ may not import from ${to.layer}/: imports only go down.` })
        return
      }
      const publicFace = to.inner === '' || /^index(\.tsx?)?$/.test(to.inner)
      if (to.layer === 'features' && from.layer === 'features' && to.feature !== from.feature && !publicFace)
        context.report({
          node,
          message: `Import the ${to.feature} feature through its index.ts ('…/features/${to.feature}'), not its internals.`,
        })
      if (to.layer === 'features' && from.layer === 'app' && !publicFace)
        context.report({
          node,
          message: `The app composes features through their index.ts ('…/features/${to.feature}').`,
        })
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    }
  },
}
