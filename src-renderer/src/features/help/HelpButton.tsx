import { useState } from 'react';
import { AboutDialog } from './AboutDialog';
import './help.css';

/** The top bar's Help button: opens About (version, disclaimer, folders, Copy diagnostics). */
export function HelpButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="help-btn" data-testid="help-open" title="Help and about" onClick={() => setOpen(true)}>
        Help
      </button>
      {open ? <AboutDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
