import type { ReactNode } from 'react';
import { DataTable } from '../../components/DataTable';

/**
 * A colony table in a focusable region, so it can be scrolled from the keyboard where it is wider
 * than the screen.
 */
export function ScrollTable({
  label,
  className = 'colony-table',
  columns,
  children,
}: {
  label: string;
  className?: string;
  columns: readonly string[];
  children: ReactNode;
}) {
  return (
    <div className="colony-scroll" tabIndex={0} role="region" aria-label={`${label} table`}>
      <DataTable className={className} label={label} columns={columns}>
        {children}
      </DataTable>
    </div>
  );
}
