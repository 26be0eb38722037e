import { useState } from 'react'
import { refreshWorkspaceInfo, useAction } from '../../data'
import { ErrorNote, TextInput } from '../../ui'
import { workspacesDelete, workspacesRename } from './mutations'

/** Rename, or delete after typing the name again (its database, exports and keys go; keystores are wiped). */
export function ManageWorkspace({ id, name, isOpen }: { id: string; name: string; isOpen: boolean }) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle')
  const [text, setText] = useState('')
  const { busy, error, run } = useAction()
  const finish = async () => {
    setMode('idle')
    setText('')
    // The list refetches (a workspace write); the open one's name may have changed.
    await refreshWorkspaceInfo()
  }
  if (mode === 'idle')
    return (
      <span className="row">
        <button type="button" className="small" onClick={() => (setMode('rename'), setText(name))}>
          Rename {name}
        </button>
        {!isOpen && (
          <button type="button" className="small danger" onClick={() => setMode('delete')}>
            Delete {name}
          </button>
        )}
      </span>
    )
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault()
        void run(async () => {
          if (mode === 'rename') await workspacesRename({ id, name: text })
          else await workspacesDelete({ id, confirmName: text })
          await finish()
        })
      }}
    >
      {mode === 'delete' && (
        <p className="banner warn small" id={`delete-${id}-help`}>
          Deleting “{name}” removes its database, its exports and its keys for good (each keystore file is overwritten
          before it is removed). Type its name to confirm.
        </p>
      )}
      <label htmlFor={`manage-${id}`}>{mode === 'rename' ? `New name for ${name}` : `Type “${name}” to confirm`}</label>
      <TextInput
        id={`manage-${id}`}
        value={text}
        onText={setText}
        maxLength={60}
        required
        autoComplete="off"
        aria-describedby={mode === 'delete' ? `delete-${id}-help` : undefined}
      />
      <ErrorNote error={error} />
      <span className="row">
        <button
          type="submit"
          className={mode === 'delete' ? 'danger' : 'primary'}
          disabled={busy || !text.trim() || (mode === 'delete' && text.trim() !== name)}
        >
          {mode === 'rename' ? 'Save name' : `Delete ${name} for good`}
        </button>
        <button type="button" onClick={() => (setMode('idle'), setText(''))} disabled={busy}>
          Cancel
        </button>
      </span>
    </form>
  )
}
