// Time left until the submission deadline, ticking each second, with the deadline itself in Hanoi
// time (Asia/Ho_Chi_Minh, the zone named). Counts by this browser's clock; the API decides with
// its own, and its refusal after the deadline is shown beside the form whatever this says.
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { DateTime } from '../components/format';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function Countdown({ deadline, now }: { deadline: string; now: number }) {
  const left = Math.max(0, Date.parse(deadline) - now);
  const seconds = Math.floor(left / 1000);
  const values = {
    days: Math.floor(seconds / 86_400),
    hours: Math.floor((seconds % 86_400) / 3600),
    minutes: Math.floor((seconds % 3600) / 60),
    seconds: seconds % 60,
  };
  return (
    <div className="countdown" data-left-ms={left}>
      <p>
        <FormattedMessage id="bid.deadline.at" values={{ time: <DateTime value={deadline} /> }} />
      </p>
      <p className="left">
        {left > 0 ? (
          // Announced politely once a minute would be noise each second: not a live region.
          <FormattedMessage id="bid.deadline.left" values={values} />
        ) : (
          <FormattedMessage id="bid.deadline.closed" />
        )}
      </p>
    </div>
  );
}
