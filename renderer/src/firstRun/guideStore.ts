/**
 * The first-run guide (issue 16): shown once a new 台账 or the example is
 * opened, dismissed with 知道了 (remembered on this PC), opened again from
 * 帮助 in the side menu.
 */
import { create } from 'zustand';

const KEY = 'taizhang.guide.dismissed';

function dismissed(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

interface GuideState {
  open: boolean;
  /** Opens the guide (from 帮助). */
  show(): void;
  /** After a first-run action: opens it unless it was dismissed before. */
  offer(): void;
  /** 知道了: closes it and remembers not to offer it again. */
  dismiss(): void;
}

export const useGuide = create<GuideState>((set) => ({
  open: false,
  show: () => set({ open: true }),
  offer: () => set({ open: !dismissed() }),
  dismiss() {
    try {
      window.localStorage.setItem(KEY, '1');
    } catch {
      // Without storage the guide may be offered again next time; nothing else depends on it.
    }
    set({ open: false });
  },
}));
