// Byte progress on stderr (stdout stays the command's result). On a terminal: one bar redrawn in
// place at most ten times a second, with MB and MB/s. Elsewhere (CI logs, pipes): a line at each
// quarter, so a log shows the transfer moved without filling up with redraws.

export interface ByteProgress {
  advance(bytes: number): void;
  done(): void;
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

export function byteProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  enabled = true,
): ByteProgress {
  if (!enabled) return { advance() {}, done() {} };
  const tty = stream.isTTY === true;
  const started = performance.now();
  let sent = 0;
  let lastDraw = 0;
  let lastQuarter = 0;
  const rate = () => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? sent / 1_048_576 / seconds : 0;
  };
  const line = () => {
    const fraction = total === 0 ? 1 : Math.min(1, sent / total);
    return {
      fraction,
      text: `${label} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${mb(sent)}/${mb(total)} MB  ${rate().toFixed(1)} MB/s`,
    };
  };
  return {
    advance(bytes) {
      sent += bytes;
      const { fraction, text } = line();
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 100 && sent < total) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(fraction * width);
        stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
        return;
      }
      const quarter = Math.floor(fraction * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
