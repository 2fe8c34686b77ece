/**
 * Ant Design's styles as one static stylesheet, made at build time with the
 * app's theme (renderer/src/theme.ts), so the window does not compute them at
 * start-up.
 *
 * Why: antd 6 generates each component's CSS in the browser the first time
 * the component renders (CSS-in-JS). At start-up that is most of the cost of
 * the first renders — the app shell, then the page — and it sits on the path
 * to the dashboard's first paint (issue 15). With `zeroRuntime` the window
 * generates nothing and reads this stylesheet instead. It is extracted with
 * the same theme, the same fixed CSS-variable key and no hashed class names
 * as `appTheme`, so what the window draws is what the runtime styles drew.
 *
 * Used by vite.config.ts as the virtual module `virtual:antd-static.css`.
 */
import { createElement } from 'react';
import { extractStyle } from '@ant-design/static-style-extract';
import { ConfigProvider } from 'antd';
import type { Plugin } from 'vite';
import { extractTheme } from '../renderer/src/theme';

const VIRTUAL_ID = 'virtual:antd-static.css';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * antd components the renderer never draws, not even inside another one: their styles are left out of
 * the stylesheet — a fifth of it, parsed before the first paint (issue 15). Using one of them means
 * taking it off this list; test/unit/antd-static-style.test.ts fails until then.
 */
export const UNUSED_ANTD_COMPONENTS = [
  'Affix', 'Anchor', 'AutoComplete', 'BackTop', 'BorderBeam', 'Breadcrumb', 'Calendar', 'Carousel', 'Cascader',
  'ColorPicker', 'FloatButton', 'Image', 'Masonry', 'Mentions', 'QRCode', 'Rate', 'Slider', 'Splitter',
  'TimePicker', 'Tour', 'Transfer', 'Tree', 'TreeSelect', 'Watermark',
];

/** The stylesheet of every antd component the app draws, under the app's theme. */
export function antdStaticCss(): string {
  return extractStyle({
    customTheme: (node) => createElement(ConfigProvider, { theme: extractTheme }, node),
    excludes: UNUSED_ANTD_COMPONENTS,
  });
}

export function antdStaticStyle(): Plugin {
  let css: string | null = null;
  return {
    name: 'taizhang-antd-static-style',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      css ??= antdStaticCss();
      return css;
    },
  };
}
