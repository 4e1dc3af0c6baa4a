import { Fragment } from 'react';
import './id-list.css';

/**
 * Incident ids as a wrapped, comma-separated list (problem candidates, on screen and in the period
 * report): each id moves to the next line whole, instead of splitting at its hyphens, and only an
 * id wider than the column breaks inside.
 */
export function IdList({ ids }: { ids: readonly string[] }) {
  return (
    <span className="id-list">
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && ' '}
          <span className="id-list-item">{i < ids.length - 1 ? `${id},` : id}</span>
        </Fragment>
      ))}
    </span>
  );
}
