import { useId, useState, type FormEvent } from 'react';
import { send } from '../../lib/messaging/send';
import { FEEDBACK_SOURCES, RECOMMEND_QUESTION, type Feedback, type FeedbackSource, type Project } from '../../lib/model';
import { ErrorText, FormActions, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';
import { formatDay, localToday } from './ClientProjects';

const SOURCE_LABELS: Record<FeedbackSource, string> = { email: 'Email', call: 'Call', meeting: 'Meeting', survey: 'Survey' };

interface Props {
  clientId: string;
  clientName: string;
  /** Newest first, as the client page's message answers them. */
  feedback: Feedback[];
  /** The client's projects, for "about which project". */
  projects: Project[];
}

/** What the client said (issue 16): the recommend score and a note. Recording it closes an open "Ask for feedback" on Today. */
export function ClientFeedback({ clientId, clientName, feedback, projects }: Props) {
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offerUndo = useOfferUndo();
  const titles = new Map(projects.map((project) => [project.id, project.title]));
  const remove = (entry: Feedback) => {
    setError(null);
    send('deleteFeedback', { id: entry.id }).then(
      ({ undo }) => offerUndo(`Deleted the feedback of ${formatDay(entry.day)}.`, undo),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return (
    <section aria-label="Feedback">
      <h3>Feedback</h3>
      {feedback.length === 0 && !recording && <p className="muted">No feedback from {clientName} recorded yet.</p>}
      {feedback.length > 0 && (
        <ul className="plain timeline" aria-label="Feedback, newest first">
          {feedback.map((entry) => {
            const about = entry.projectId ? titles.get(entry.projectId) : undefined;
            return (
              <li key={entry.id}>
                <span className="muted when">{formatDay(entry.day)}</span>
                <span>
                  <strong>Score {entry.score} of 10</strong>
                  <span className="muted"> · {SOURCE_LABELS[entry.source]}</span>
                  {about && <span> · on {about}</span>}
                  {entry.note && <span className="entry-note"> · “{entry.note}”</span>}
                </span>
                <span className="entry-actions">
                  <button type="button" className="link" onClick={() => remove(entry)} aria-label={`Delete the feedback of ${formatDay(entry.day)}`}>
                    Delete
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorText error={error} />
      {recording ? (
        <FeedbackForm clientId={clientId} projects={projects} onDone={() => setRecording(false)} />
      ) : (
        <button type="button" onClick={() => setRecording(true)}>
          Record feedback
        </button>
      )}
    </section>
  );
}

function FeedbackForm({ clientId, projects, onDone }: { clientId: string; projects: Project[]; onDone: () => void }) {
  const id = useId();
  // The project just finished is the likeliest subject: the newest done one, if any.
  const [projectId, setProjectId] = useState(projects.find((project) => project.status === 'done')?.id ?? '');
  const [day, setDay] = useState(localToday());
  const [score, setScore] = useState('');
  const [note, setNote] = useState('');
  const [source, setSource] = useState<FeedbackSource>('email');
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction(async () => {
    await send('recordFeedback', { clientId, projectId: projectId || null, day, score: Number(score), note, source });
    onDone();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Never send NaN: Chrome's messaging turns it into null. The range is the background's to refuse, in words.
    if (score.trim() === '') return setInvalid('Score: choose a number from 0 to 10');
    if (!Number.isFinite(Number(score))) return setInvalid('Score: is not a number');
    if (!day) return setInvalid('Day: choose the day they said it');
    setInvalid(null);
    if (!save.busy) save.run();
  };
  return (
    <form className="card-form" onSubmit={submit} aria-label="New feedback" noValidate>
      <div className="fields">
        <label htmlFor={`${id}-project`}>Project</label>
        <select id={`${id}-project`} value={projectId} onChange={(e) => setProjectId(e.target.value)}>
          <option value="">No particular project</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.title}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-day`}>Day</label>
        <input id={`${id}-day`} type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
        <label htmlFor={`${id}-score`}>{RECOMMEND_QUESTION}</label>
        {/* One grid cell: the form lays out label and control in pairs (clients.css). */}
        <div>
          <input
            id={`${id}-score`}
            type="number"
            min={0}
            max={10}
            step={1}
            value={score}
            onChange={(e) => setScore(e.target.value)}
            aria-describedby={`${id}-score-hint`}
            aria-invalid={invalid?.startsWith('Score') || undefined}
            autoFocus
          />
          <div id={`${id}-score-hint`} className="muted">
            0 (not at all likely) to 10 (extremely likely)
          </div>
        </div>
        <label htmlFor={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as FeedbackSource)}>
          {FEEDBACK_SOURCES.map((option) => (
            <option key={option} value={option}>
              {SOURCE_LABELS[option]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </div>
      {invalid && (
        <p className="error" role="alert">
          {invalid}
        </p>
      )}
      <FormActions action={save} onCancel={onDone}>
        Save feedback
      </FormActions>
    </form>
  );
}
