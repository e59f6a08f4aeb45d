/**
 * BullMQ: enqueueing emails, the email worker and its processor, Redis checkpoints (needs the optional peer `bullmq`).
 *
 * @module scribe-pipeline/bullmq
 */
export { type Closable, createEmailWorker, EmailWorker, type EmailWorkerOptions } from './email-worker.js';
export { DEFAULT_EMAIL_JOB_OPTIONS, type EnqueueEmailOptions, enqueueEmail } from './enqueue-email.js';
export { toJobError, type UnrecoverableJobError } from './job-failure.js';
export { type ProgressTarget, progressToJob } from './progress-to-job.js';
export {
  type RedisCheckpointClient,
  type RedisCheckpointsOptions,
  redisCheckpoints,
} from './redis-checkpoints.js';
export {
  jobIdForTask,
  SCRIBE_JOB_NAME,
  type ScribeJobData,
  type ScribeJobProgress,
  type ScribeJobResult,
  type SpentAttempt,
} from './scribe-job.js';
export {
  createScribeProcessor,
  type ScribeProcessor,
  type ScribeProcessorOptions,
} from './scribe-processor.js';
