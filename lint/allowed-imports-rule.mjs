// An ESLint rule that turns a layer's allow-list into errors: a file may import only the packages
// and folders its layer names. It looks at every way code can load a module (static imports,
// re-exports, dynamic import(), require(), `import x = require()`, and `import('x')` types),
// because a ban that only sees `import ... from` is talked past by the first dynamic import.
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const DATA_FILE = /\.(onnx|wasm|bin|json|txt|wav)$/;

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether a bare specifier is on the list: a name allows its subpaths, 'node:*' allows builtins. */
export function packageAllowed(specifier, packages) {
  if (specifier.startsWith('node:')) return packages.includes('node:*');
  return packages.includes(packageName(specifier));
}

/** Whether a repo-relative path sits in one of the allowed folders (or is one of the allowed files). */
export function folderAllowed(repoPath, folders) {
  return folders.some((folder) => folder === '.' || repoPath === folder || repoPath.startsWith(`${folder}/`));
}

function literalSource(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return literalSource(node.literal);
  return undefined;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "Each layer imports only the packages and folders it names" },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          why: { type: 'string' },
          packages: { type: 'array', items: { type: 'string' } },
          folders: { type: 'array', items: { type: 'string' } },
        },
        required: ['layer', 'packages', 'folders'],
        additionalProperties: false,
      },
    ],
    messages: {
      package: "{{layer}} may not import '{{specifier}}'. {{why}}It may import the packages: {{allowed}}. To allow one, add it to this layer in eslint.config.mjs.",
      folder: "{{layer}} may not import '{{specifier}}' ({{target}}). {{why}}It may import from: {{allowed}}.",
      computed: '{{layer}}: a module loaded by a computed name cannot be checked against the layer rules; load it by a literal name.',
    },
  },
  create(context) {
    const { layer, why = '', packages, folders } = context.options[0];
    const fileDir = path.dirname(context.filename);
    const reason = why ? `${why} ` : '';

    function check(node, sourceNode) {
      const specifier = literalSource(sourceNode);
      if (specifier === undefined) {
        context.report({ node, messageId: 'computed', data: { layer } });
        return;
      }
      if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
        const target = path.relative(REPO_ROOT, path.resolve(fileDir, specifier)).split(path.sep).join('/');
        if (!folderAllowed(target, folders)) {
          context.report({ node, messageId: 'folder', data: { layer, specifier, target, why: reason, allowed: folders.join(', ') } });
        }
        return;
      }
      if (!packageAllowed(specifier, packages)) {
        context.report({ node, messageId: 'package', data: { layer, specifier, why: reason, allowed: packages.join(', ') || 'none' } });
      }
    }

    const isRequire = (callee) => callee.type === 'Identifier' && callee.name === 'require';
    const isResolve = (callee) =>
      callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'require';

    // require.resolve of a data file (a model, a wasm) only finds its path on disk; resolving a
    // module is as good as loading it, so that is checked like an import.
    function checkResolve(node) {
      const specifier = literalSource(node.arguments[0]);
      if (specifier !== undefined && DATA_FILE.test(specifier)) return;
      check(node, node.arguments[0]);
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (isRequire(node.callee)) check(node, node.arguments[0]);
        else if (isResolve(node.callee)) checkResolve(node);
      },
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression),
      TSImportType: (node) => check(node, node.source ?? node.argument),
    };
  },
};
