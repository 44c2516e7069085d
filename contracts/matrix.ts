import type { ErrorEdge, ParamValue, ParameterSet, ReportType } from './report-types.js';

export type CaseExpectation =
  /** A success answer, or the report's no-data answer when the window holds nothing. */
  | { kind: 'answer' }
  /** The report's no-data answer (spec §7.3). */
  | { kind: 'no-data' }
  /** An `<error>` with a given text (spec §7.4). */
  | { kind: 'error'; edge: ErrorEdge }
  /** A multipart body is ignored, so the request names no report (spec §1.2). */
  | { kind: 'multipart' };

/** One request of the matrix, before its window and discovered values are filled in. */
export interface MatrixCase {
  id: string;
  reportType: ReportType;
  title: string;
  method: 'GET' | 'POST';
  encoding: 'query' | 'form' | 'multipart';
  params: Record<string, ParamValue>;
  set?: ParameterSet;
  expect: CaseExpectation;
}

/**
 * The request matrix: every report type × every parameter set × GET and POST, then the edges
 * each type has (empty window, malformed parameter, unknown lsid, multipart body). Token edges
 * are run once per target by the token lifecycle checks.
 */
export function buildMatrix(types: readonly ReportType[]): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const type of types) {
    for (const set of type.sets) {
      for (const [method, encoding] of [
        ['GET', 'query'],
        ['POST', 'form'],
      ] as const) {
        cases.push({
          id: `${type.name}/${set.name}/${method}`,
          reportType: type,
          title: `${set.name}, ${method}`,
          method,
          encoding,
          params: set.params,
          set,
          expect: { kind: 'answer' },
        });
      }
    }
    if (type.emptyWindow && type.noData) {
      cases.push({
        id: `${type.name}/empty window`,
        reportType: type,
        title: 'empty window (anchor in the future)',
        method: 'GET',
        encoding: 'query',
        params: type.emptyWindow,
        expect: { kind: 'no-data' },
      });
    }
    for (const edge of type.errors) {
      cases.push({
        id: `${type.name}/${edge.name}`,
        reportType: type,
        title: edge.name,
        method: 'GET',
        encoding: 'query',
        params: edge.params,
        expect: { kind: 'error', edge },
      });
    }
    const first = type.sets[0];
    if (first) {
      cases.push({
        id: `${type.name}/multipart`,
        reportType: type,
        title: `multipart body (${first.name})`,
        method: 'POST',
        encoding: 'multipart',
        params: first.params,
        expect: { kind: 'multipart' },
      });
    }
  }
  return cases;
}
