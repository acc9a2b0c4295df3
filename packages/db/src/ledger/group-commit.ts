import type { Submission } from "./plan-spends.ts";

export interface GroupCommitOptions {
  /** Batches in flight at once; each gets its own hot-account slot. */
  readonly writers: number;
  /** Most transfers in one batch (whole submissions are never split). */
  readonly maxBatchTransfers: number;
}

type Execute<R> = (submissions: readonly Submission[], writer: number) => Promise<R[]>;

interface Waiting<R> {
  readonly submission: Submission;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/** Transfers a submission writes at most (a spend: its coin and diamond legs). */
const sizeOf = (submission: Submission) => (submission.spend ? 2 : submission.transfers.length);

/**
 * Group commit: callers submit transfers; whenever a writer is free it takes everything
 * waiting (up to the batch limit) and commits it in one transaction. Under light load a batch
 * is one call and nothing waits for a timer; under heavy load batches grow by themselves while
 * the writers are busy, so throughput rises without extra round trips.
 */
export class GroupCommitter<R> {
  private readonly queue: Waiting<R>[] = [];
  private readonly idleWriters: number[];

  constructor(
    private readonly execute: Execute<R>,
    private readonly options: GroupCommitOptions,
  ) {
    this.idleWriters = Array.from({ length: options.writers }, (_, index) => index);
  }

  submit(submission: Submission): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ submission, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.idleWriters.length > 0) {
      // The lowest free writer: an uncontended batch always runs on writer 0 (carry lane 0).
      const writer = Math.min(...this.idleWriters);
      this.idleWriters.splice(this.idleWriters.indexOf(writer), 1);
      const batch = this.takeBatch();
      void this.run(batch, writer);
    }
  }

  private takeBatch(): Waiting<R>[] {
    const batch: Waiting<R>[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Waiting<R>;
      const nextSize = sizeOf(next.submission);
      if (batch.length > 0 && size + nextSize > this.options.maxBatchTransfers) break;
      batch.push(next);
      size += nextSize;
      this.queue.shift();
    }
    return batch;
  }

  private async run(batch: Waiting<R>[], writer: number): Promise<void> {
    try {
      const results = await this.execute(
        batch.map((waiting) => waiting.submission),
        writer,
      );
      for (const [index, waiting] of batch.entries()) waiting.resolve(results[index] as R);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.idleWriters.push(writer);
      this.pump();
    }
  }
}
