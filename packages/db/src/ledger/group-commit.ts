import type { TransferRequest, TransferResult } from "./types.ts";

export interface GroupCommitOptions {
  /** Batches in flight at once; each gets its own hot-account slot. */
  readonly writers: number;
  /** Most transfers in one batch (whole submissions are never split). */
  readonly maxBatchTransfers: number;
}

type Execute = (
  submissions: readonly (readonly TransferRequest[])[],
  writer: number,
) => Promise<TransferResult[][]>;

interface Waiting {
  readonly transfers: readonly TransferRequest[];
  readonly resolve: (results: TransferResult[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: callers submit transfers; whenever a writer is free it takes everything
 * waiting (up to the batch limit) and commits it in one transaction. Under light load a batch
 * is one call and nothing waits for a timer; under heavy load batches grow by themselves while
 * the writers are busy, so throughput rises without extra round trips.
 */
export class GroupCommitter {
  private readonly queue: Waiting[] = [];
  private readonly idleWriters: number[];

  constructor(
    private readonly execute: Execute,
    private readonly options: GroupCommitOptions,
  ) {
    this.idleWriters = Array.from({ length: options.writers }, (_, index) => index);
  }

  submit(transfers: readonly TransferRequest[]): Promise<TransferResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ transfers, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.idleWriters.length > 0) {
      const writer = this.idleWriters.pop() as number;
      const batch = this.takeBatch();
      void this.run(batch, writer);
    }
  }

  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Waiting;
      if (batch.length > 0 && size + next.transfers.length > this.options.maxBatchTransfers) break;
      batch.push(next);
      size += next.transfers.length;
      this.queue.shift();
    }
    return batch;
  }

  private async run(batch: Waiting[], writer: number): Promise<void> {
    try {
      const results = await this.execute(
        batch.map((waiting) => waiting.transfers),
        writer,
      );
      for (const [index, waiting] of batch.entries()) waiting.resolve(results[index] ?? []);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.idleWriters.push(writer);
      this.pump();
    }
  }
}
