// A reply's Markdown as page elements: react-markdown builds React elements from the syntax tree, so
// no HTML string is ever parsed — raw HTML in a reply is dropped, not run — and images (which would
// fetch from the network) are shown as their alt text.
import Markdown, { type Components } from 'react-markdown';

const components: Components = {
  // Replies are inside a list item of a conversation: headings would break the page outline.
  h1: ({ children }) => <p className="md-heading">{children}</p>,
  h2: ({ children }) => <p className="md-heading">{children}</p>,
  h3: ({ children }) => <p className="md-heading">{children}</p>,
  h4: ({ children }) => <p className="md-heading">{children}</p>,
  h5: ({ children }) => <p className="md-heading">{children}</p>,
  h6: ({ children }) => <p className="md-heading">{children}</p>,
  img: ({ alt }) => <span>{alt}</span>,
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  ),
};

export function ReplyMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown skipHtml components={components}>
        {text}
      </Markdown>
    </div>
  );
}
