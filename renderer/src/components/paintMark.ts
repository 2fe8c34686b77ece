/**
 * Marks an element whose text's first paint the browser times (the Element
 * Timing API: `elementtiming="<id>"`). `npm run bench` reads these marks to
 * time the first paint of 概览's heatmap and of each page's title, from the
 * navigation's start, as the browser painted them (issue 15), rather than by
 * a clock outside the browser. The attribute changes nothing on screen. It
 * goes on the block that holds the text (a heading, a table cell): Chromium
 * times text by its block, not by an inline span.
 */
export const paintMark = (id: 'heatmap' | 'page-title'): Record<string, string> => ({ elementtiming: id });
