// The labelled retrieval set: plain-language questions, each answered by one package README that
// ships in node_modules (real public documentation under permissive licences: MIT, ISC, BSD-2,
// BlueOak-1.0.0). The benchmark reads the READMEs from node_modules at run time; nothing is copied
// into the repository. `evidence` is a phrase the README must contain, so a README that changes
// under an upgrade is reported rather than silently scoring wrong.

export interface LabelledQuestion {
  question: string;
  /** Package whose README answers it. */
  answer: string;
  evidence: RegExp;
}

export const CORPUS_PACKAGES = [
  'ws', 'zod', 'lru-cache', 'better-sqlite3', 'chokidar', 'mammoth', 'unpdf', 'htmlparser2', 'cli-progress', 'ollama', 'fast-check', 'semver',
  'debug', 'minimatch', 'glob', 'undici', 'chalk', 'picomatch', 'fast-glob', 'micromatch', 'readdirp', 'ajv', 'tar', 'rimraf',
] as const;

export const LABELLED_QUESTIONS: readonly LabelledQuestion[] = [
  { question: 'How do I detect and close broken websocket connections?', answer: 'ws', evidence: /broken connections/i },
  { question: 'How can I get the IP address of the client connected to my websocket server?', answer: 'ws', evidence: /IP address of the client/i },
  { question: 'How do I enable permessage-deflate compression for websockets?', answer: 'ws', evidence: /permessage-deflate/i },
  { question: 'How do I validate a schema and get typed data with safeParse?', answer: 'zod', evidence: /safeParse/ },
  { question: 'How do I give cached entries a time to live so they expire?', answer: 'lru-cache', evidence: /ttl/i },
  { question: 'Which cache options limit the maximum size of stored items?', answer: 'lru-cache', evidence: /maxSize/ },
  { question: 'Why is this SQLite library faster than node-sqlite3?', answer: 'better-sqlite3', evidence: /node-sqlite3/ },
  { question: 'When is the synchronous SQLite library not appropriate to use?', answer: 'better-sqlite3', evidence: /not appropriate/i },
  { question: 'How do I watch a folder for file changes and ignore dotfiles?', answer: 'chokidar', evidence: /ignored/ },
  { question: 'What does awaitWriteFinish do when a file is still being written?', answer: 'chokidar', evidence: /awaitWriteFinish/ },
  { question: 'How do I convert a Word docx file to HTML?', answer: 'mammoth', evidence: /convertToHtml/ },
  { question: 'How do I map Word paragraph styles to HTML headings with a style map?', answer: 'mammoth', evidence: /style map/i },
  { question: 'How do I extract the raw text from a docx document, ignoring formatting?', answer: 'mammoth', evidence: /extractRawText/ },
  { question: 'How do I extract text from a PDF and merge all pages?', answer: 'unpdf', evidence: /mergePages/ },
  { question: 'How do I render a PDF page as an image?', answer: 'unpdf', evidence: /renderPageAsImage/ },
  { question: 'Is it safe to process untrusted PDF files?', answer: 'unpdf', evidence: /Untrusted PDFs/i },
  { question: 'How do I parse HTML quickly with a streaming callback parser for open tags?', answer: 'htmlparser2', evidence: /onopentag/ },
  { question: 'How do I show a progress bar in the terminal with an ETA?', answer: 'cli-progress', evidence: /eta/i },
  { question: 'How do I display several progress bars at once with a multibar container?', answer: 'cli-progress', evidence: /MultiBar/ },
  { question: 'How do I stream chat responses from a local Ollama model?', answer: 'ollama', evidence: /stream: true/ },
  { question: 'How do I create embeddings with the Ollama embed call?', answer: 'ollama', evidence: /embed/ },
  { question: 'How do I abort an ongoing request to the Ollama model?', answer: 'ollama', evidence: /abort/ },
  { question: 'How do I write property based tests that generate random inputs?', answer: 'fast-check', evidence: /property/i },
  { question: 'How do I compare two version numbers and check if one satisfies a range?', answer: 'semver', evidence: /satisfies/ },
  { question: 'What does the caret range ^1.2.3 allow for versions?', answer: 'semver', evidence: /Caret Ranges/i },
  { question: 'How do I turn on debug logging for a namespace with the DEBUG environment variable?', answer: 'debug', evidence: /DEBUG=/ },
  { question: 'How do I match file paths against a glob pattern on Windows with UNC paths?', answer: 'minimatch', evidence: /UNC Paths/ },
  { question: 'How do I find all files matching a pattern like **/*.js asynchronously?', answer: 'glob', evidence: /\*\*\/\*\.js/ },
  { question: 'Should I use the built-in fetch or the undici module for HTTP requests?', answer: 'undici', evidence: /Undici vs\. Fetch/ },
  { question: 'How do I cache HTTP responses with an interceptor?', answer: 'undici', evidence: /Cache Interceptor/ },
  { question: 'How do I print colored text in the terminal, like red bold errors?', answer: 'chalk', evidence: /chalk\.red/ },
  { question: 'Which library is a fast glob matcher with no dependencies that compiles patterns to regex?', answer: 'picomatch', evidence: /regex/i },
  { question: 'How do I list files with a fast glob and get entries with stats?', answer: 'fast-glob', evidence: /stats/ },
  { question: 'How do I filter a list of strings with wildcard and brace expansion matching?', answer: 'micromatch', evidence: /brace/i },
  { question: 'How do I recursively read a directory as a stream with depth and file filters?', answer: 'readdirp', evidence: /depth/ },
  { question: 'How do I validate JSON data against a JSON Schema and read the validation errors?', answer: 'ajv', evidence: /errors/ },
  { question: 'How do I create and extract tarball archives with gzip?', answer: 'tar', evidence: /gzip/ },
  { question: 'How do I delete a folder recursively like rm -rf?', answer: 'rimraf', evidence: /rm -rf/ },
];
