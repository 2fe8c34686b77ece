import type { ThemeConfig } from 'antd';

/** Fonts present on Windows, macOS, 统信UOS/麒麟 and Debian (Noto CJK); nothing is fetched. */
export const FONT_FAMILY = [
  '-apple-system',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
].join(', ');

export const BRAND_BLUE = '#1a4f9c';
export const SIDER_BG = '#0e2a54';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    colorError: '#c8102e',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: '#f2f4f8',
  },
  components: {
    Layout: {
      siderBg: SIDER_BG,
      headerBg: '#ffffff',
      headerHeight: 64,
      headerPadding: '0 24px',
      footerBg: 'transparent',
      footerPadding: '12px 24px 20px',
    },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: SIDER_BG,
      darkItemSelectedBg: BRAND_BLUE,
      darkItemColor: 'rgba(255,255,255,0.78)',
      itemHeight: 44,
      iconSize: 16,
    },
    Table: {
      headerBg: '#eef2f9',
      headerColor: '#1f2d3d',
      cellPaddingBlockSM: 8,
      cellPaddingInlineSM: 10,
      borderColor: '#dfe4ec',
    },
    Card: {
      headerFontSize: 15,
    },
  },
};

/**
 * The theme the windows use: `theme` read from the stylesheet made at build
 * time (scripts/antdStaticStyle.ts, imported as `virtual:antd-static.css`)
 * instead of styles computed in the window at each component's first render.
 * The CSS-variable key is fixed and class names are not hashed, so the
 * stylesheet extracted with `extractTheme` matches what the window renders.
 */
const CSS_VAR_KEY = 'tz-antd';
export const extractTheme: ThemeConfig = { ...theme, cssVar: { key: CSS_VAR_KEY }, hashed: false };
/**
 * Whether the system asks for reduced motion (Windows: 显示动画 off; the browser tests' Chromium too).
 * antd's opening and closing animations are then skipped: dialogs and menus appear and go at once,
 * which is also what a slow office PC needs. Read once at start-up; false outside a window (the build-time extraction).
 */
const reducedMotion = typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export const appTheme: ThemeConfig = { ...extractTheme, zeroRuntime: true, token: { ...extractTheme.token, motion: !reducedMotion } };
