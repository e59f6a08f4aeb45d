/**
 * A research-outreach template of the kind a student writes once and sends to several professors:
 * the recipient, their area and one of their papers are placeholders, and so is the writer's own
 * name. About 150 words once filled, inside what `validateEmail` accepts.
 */
export const OUTREACH_TEMPLATE = `Dear {{professor_name}},

My name is [Your Name], and I am a third-year undergraduate in computer science. I have been reading about your work on {{research_area}}, and your paper {{paper_reference}} changed how I think about programs that manipulate symbols rather than numbers.

For my final-year project I built a small interpreter for card-driven programs, and I would like to take the idea further: checking, before a program runs, that its loops end and that it reuses its variables safely. I would be glad to work on a related problem in your group, for example as a summer research assistant.

I have attached my CV and a two-page summary of the project. Would you have fifteen minutes in the coming weeks to talk about whether there might be a fit?

Best regards,
[Your Name]`;
