// Verification progress on stderr, so stdout stays the report. On a terminal, one bar redrawn in
// place (at most ten times a second); elsewhere (CI logs, pipes) one line per finished stage, and
// nothing at all for small bundles, where progress would only be noise.
import type { VerifyProgress, VerifyStage } from '../../tlog/index.ts';

const labels: Record<VerifyStage, string> = {
  checkpoints: 'checkpoint signatures',
  consistency: 'consistency proofs',
  inclusion: 'inclusion proofs',
  entries: 'entries rehashed',
  reveal: 'bid events tied to their tender',
  receipts: 'receipts',
};

export interface ProgressBar {
  update(progress: VerifyProgress): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream, show: boolean): ProgressBar {
  if (!show) return { update() {}, done() {} };
  const tty = stream.isTTY === true;
  const width = 30;
  let lastDraw = 0;
  let current: VerifyStage | undefined;
  let drawn = false;
  const draw = ({ stage, done, total }: VerifyProgress) => {
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    stream.write(
      `\r\x1b[2K${labels[stage].padEnd(22)} ${bar} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done}/${total}`,
    );
    drawn = true;
  };
  return {
    update(progress) {
      const finished = progress.done >= progress.total;
      if (!tty) {
        if (finished && progress.total > 0 && current !== progress.stage) {
          current = progress.stage;
          stream.write(`${labels[progress.stage]}: ${progress.total}\n`);
        }
        return;
      }
      const now = Date.now();
      if (progress.stage !== current || finished || now - lastDraw > 100) {
        if (progress.stage !== current && drawn && current !== undefined) stream.write('\n');
        current = progress.stage;
        lastDraw = now;
        draw(progress);
      }
    },
    done() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
