/**
 * Before a write, the operator's name (操作员) must be known: the desktop's
 * setting, or in a browser tab the tab's own. `ensure()` resolves at once when
 * it is, else asks for it in a dialog (the one 锁定本期 uses) and resolves once
 * it was given (false when the user cancelled). Render `gate` once.
 */
import { useRef, useState } from 'react';
import { OperatorModal, useOperator, useOperatorLoaded } from '../entry/Operator';

export function useOperatorGate() {
  useOperatorLoaded();
  const [open, setOpen] = useState(false);
  const waiting = useRef<((named: boolean) => void) | null>(null);
  const ensure = async (): Promise<boolean> => {
    const state = useOperator.getState();
    if (!state.loaded) await state.load().catch(() => undefined);
    if (useOperator.getState().name) return true;
    return new Promise<boolean>((resolve) => {
      waiting.current = resolve;
      setOpen(true);
    });
  };
  const gate = (
    <OperatorModal
      open={open}
      onClose={(named) => {
        setOpen(false);
        waiting.current?.(named);
        waiting.current = null;
      }}
    />
  );
  return { ensure, gate };
}
