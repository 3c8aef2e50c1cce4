import type { ReactNode } from 'react';

/** A table with one header row of column names and the given body rows. */
export function DataTable({
  label,
  className,
  columns,
  children,
}: {
  label?: string;
  className: string;
  columns: readonly string[];
  children: ReactNode;
}) {
  return (
    <table className={className} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
