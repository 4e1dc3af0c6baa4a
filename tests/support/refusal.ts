import { ApiError } from '../../shared/contract/api';

/** The API error a call was refused with; fails when the call went through or threw something else. */
export async function refusal(p: Promise<unknown>): Promise<ApiError['body']> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err.body;
    throw err;
  }
  throw new Error('expected the call to be refused');
}
