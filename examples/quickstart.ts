import { defineStep, memoryPersistence, runPipeline } from 'scribe-pipeline';

const compose = defineStep({
  name: 'compose',
  execute: (data) => {
    data.finalEmail = `Dear ${data.recipientName}, I have been reading about ${data.recipientInterest}.`;
  },
});

const { emailId, data, warnings } = await runPipeline({
  input: {
    taskId: 'task-1',
    userId: 'user-1',
    emailTemplate: 'Dear {{name}}, I would love to hear more about {{topic}}.',
    recipientName: 'Grace Hopper',
    recipientInterest: 'compiler design',
  },
  steps: [compose],
  persistence: memoryPersistence(),
  onProgress: (event) => console.log(event.step, event.status),
});
console.log(emailId, data.finalEmail, warnings);
