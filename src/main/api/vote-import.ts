import type { Handlers } from './registry'
import {
  beginVoteImport,
  cancelVoteImport,
  finishVoteImport,
  voteImportChunk,
  voteImportStatus,
} from '../core/governance/vote-import-session'

type VoteImportCalls =
  | 'governance.voteImportBegin'
  | 'governance.voteImportChunk'
  | 'governance.voteImportFinish'
  | 'governance.voteImportStatus'
  | 'governance.voteImportCancel'

export const voteImportHandlers: Handlers<VoteImportCalls> = {
  'governance.voteImportBegin': (input, { ctx }) => beginVoteImport(ctx, input),
  'governance.voteImportChunk': (input, { ctx }) => voteImportChunk(ctx, input),
  'governance.voteImportFinish': ({ session }, { ctx }) => finishVoteImport(ctx, session),
  'governance.voteImportStatus': ({ session }, { ctx }) => voteImportStatus(ctx, session),
  'governance.voteImportCancel': ({ session }, { ctx }) => cancelVoteImport(ctx, session),
}
