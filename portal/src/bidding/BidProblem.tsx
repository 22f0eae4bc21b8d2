// A refusal shown beside the form: the bid API's own codes (deadline passed, key retired, …) in
// this part's catalogue under bid.problem.CODE, any other code as the portal shows it everywhere.
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert, problemOf } from '../components/problems';

export function BidProblem({ error }: { error: unknown }) {
  const intl = useIntl();
  if (!error) return null;
  const problem = problemOf(error);
  const local = (error as { bidCode?: string }).bidCode;
  const code = problem?.code ?? local;
  if (!code || !intl.messages[`bid.problem.${code}`]) return <ProblemAlert error={error} />;
  return (
    <div className="problem" role="alert" data-code={code}>
      <p>
        <FormattedMessage id={`bid.problem.${code}`} />
      </p>
      <p className="problem-code">
        <FormattedMessage id="bid.problem.reference" values={{ code, status: problem?.status ?? 0 }} />
      </p>
    </div>
  );
}

/** A failure of this page's own (no API answer): a code of bid.problem.* to show. */
export class LocalProblem extends Error {
  readonly bidCode: string;
  constructor(code: string) {
    super(code);
    this.bidCode = code;
  }
}
