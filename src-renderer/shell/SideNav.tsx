/**
 * The sidebar: one link per page, in the features' order. Plain links rather than antd's Menu:
 * a flat list of hash routes needs no submenus, overflow measuring or motion, and Menu's
 * mount and re-measure cost the first screen about as much as drawing the grid's rows. Links
 * also give the keyboard (Tab, Enter) and the browser (open in a new tab) what they expect.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageDescriptor } from './feature';
import { withParens } from '../i18n/punctuation';

export function SideNav({ pages, current }: { pages: readonly PageDescriptor[]; current: PageDescriptor }): ReactNode {
  const { t } = useTranslation();
  return (
    <nav className="pd-nav" aria-label={t('nav.label')}>
      {pages.map((p) => {
        const label = t(p.navLabel);
        const selected = p.key === current.key;
        return (
          <a
            key={p.key}
            href={`#/${p.key}`}
            className={selected ? 'pd-nav-item pd-nav-item-selected' : 'pd-nav-item'}
            aria-current={selected ? 'page' : undefined}
            title={p.comingSoon ? withParens(label, t('nav.comingSoon')) : label}
          >
            {/* A narrow window shows the sidebar collapsed: the label's first character only (styles.css). */}
            <span className="pd-nav-short" aria-hidden>
              {label.slice(0, 1)}
            </span>
            <span className="pd-nav-label">{label}</span>
            {p.comingSoon && <span className="pd-soon-tag">{t('nav.comingSoon')}</span>}
          </a>
        );
      })}
    </nav>
  );
}
