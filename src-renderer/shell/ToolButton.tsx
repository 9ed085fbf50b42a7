/**
 * A button and a loading mark in antd's look, as plain elements: the start page's toolbar and its
 * loading state are on the first screen, where antd's Button and Spin would add their script and
 * token work before the first grid row (docs/ARCHITECTURE.md, "The first screen"). Other pages use
 * antd's own.
 */
import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface ToolButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** 'primary' for the one action a box offers first, 'danger' for a warning to look at. */
  tone?: 'default' | 'primary' | 'danger';
  size?: 'small' | 'middle';
}

export function ToolButton({ tone = 'default', size = 'small', className, type = 'button', ...rest }: ToolButtonProps): ReactNode {
  const classes = ['pd-button', `pd-button-${tone}`, size === 'small' ? 'pd-button-sm' : '', className ?? ''].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}

/** A spinning mark with an optional line of text, centred in the space it is given. */
export function LoadingMark({ text }: { text?: string }): ReactNode {
  return (
    <div className="pd-loading" role="status" aria-live="polite">
      <span className="pd-loading-ring" aria-hidden="true" />
      {text && <span className="pd-loading-text">{text}</span>}
    </div>
  );
}
