import { describe, expect, it } from 'vitest';
import { viewOf } from '../../renderer/src/app/route';

const at = (url: string) => {
  const u = new URL(url, 'http://host');
  return viewOf({ pathname: u.pathname, search: u.search, hash: u.hash });
};

describe('viewOf', () => {
  it.each([
    ['/', 'console'],
    ['/wall', 'wall'],
    ['/wall/', 'wall'],
    ['/#/wall', 'wall'],
    ['/trends', 'trends'],
    ['/#/trends?from=2026-01-01', 'trends'],
    ['/report/incident/INC-2026-ABCDEF-3', 'report'],
    ['app://watchfloor/index.html#/wall?priority=P1', 'wall'],
    ['/walls', 'console'],
  ])('%s → %s', (url, name) => {
    expect(at(url).name).toBe(name);
  });

  it('carries the filter params and the rest of the path', () => {
    expect(at('/wall?team=Network&priority=P1,P2').params.get('team')).toBe('Network');
    expect(at('/#/wall?exercise=only').params.get('exercise')).toBe('only');
    expect(at('/report/incident/INC-2026-ABCDEF-3').rest).toEqual(['incident', 'INC-2026-ABCDEF-3']);
    expect(at('/#/?incident=INC-2026-ABCDEF-3').params.get('incident')).toBe('INC-2026-ABCDEF-3');
  });
});
