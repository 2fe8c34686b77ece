/**
 * In-app preview of the summary: the same document model the PDF is laid
 * out from (shared/summary/document.ts), shown as a paper-like sheet, with
 * the charts as the very SVGs the PDF embeds. The PDF itself is not framed:
 * the page's Content-Security-Policy allows no frames or plugins, and the
 * preview must work in the desktop window and the browser alike.
 */
import type { SummaryPreview as Preview } from '../../../shared/api/methods/summary';
import type { SummaryBlock } from '../../../shared/summary/document';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function SummaryPreview({ preview }: { preview: Preview }) {
  let chart = 0;
  const block = (b: SummaryBlock, i: number) => {
    switch (b.kind) {
      case 'title':
        return (
          <h1 key={i} className="tz-doc-title">
            {b.text}
          </h1>
        );
      case 'notice':
        return (
          <p key={i} className={`tz-doc-notice${b.role === 'draft' ? ' tz-doc-draft' : ''}`}>
            {b.text}
          </p>
        );
      case 'pending':
        return (
          <p key={i} className="tz-doc-p tz-doc-pending">
            {b.text}
          </p>
        );
      case 'paragraph':
        return (
          <p key={i} className={`tz-doc-p tz-doc-level-${b.level}`}>
            {b.lead ? <span className={`tz-doc-lead tz-doc-lead-${b.level}`}>{b.lead}</span> : null}
            {b.text}
          </p>
        );
      case 'table':
        return (
          <figure key={i} className="tz-doc-table">
            <figcaption>{b.caption}</figcaption>
            <table>
              <thead>
                {b.groups ? (
                  <tr>
                    {b.groups.map((g, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only table of the preview
                      <th key={k} colSpan={g.span} rowSpan={g.span === 1 ? 2 : 1}>
                        {g.text}
                      </th>
                    ))}
                  </tr>
                ) : null}
                <tr>
                  {b.header.map((h, k) =>
                    // biome-ignore lint/suspicious/noArrayIndexKey: a read-only table of the preview
                    b.groups && k === 0 && b.groups[0].span === 1 ? null : <th key={k}>{h}</th>,
                  )}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a read-only table of the preview
                  <tr key={k}>
                    {r.map((c, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only table of the preview
                      <td key={j} style={{ textAlign: b.align[j] }}>
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {b.note ? <div className="tz-doc-note">{b.note}</div> : null}
          </figure>
        );
      case 'chart': {
        const svg = preview.charts[chart++];
        return (
          <figure key={i} className="tz-doc-chart">
            {svg ? <img src={svgUrl(svg)} alt={b.caption} /> : null}
            <figcaption>{b.caption}</figcaption>
          </figure>
        );
      }
      case 'signature':
        return (
          <div key={i} className="tz-doc-signature">
            {b.lines.map((l, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the signature's fixed lines
              <div key={k}>{l}</div>
            ))}
          </div>
        );
    }
  };
  return (
    <div className="tz-doc-paper" data-testid="summary-preview">
      {preview.document.sampleData ? <div className="tz-doc-watermark">示例数据</div> : null}
      {preview.document.blocks.map(block)}
    </div>
  );
}
