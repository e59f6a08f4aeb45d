import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepResult } from '../../core/step-result.js';
import { decidePapers, type PaperSelectionSettings } from './decide-papers.js';

/**
 * Step `paper_selection`: the join after the web scraper and the paper lookup, which run side by
 * side. It decides again which same-name candidates are the recipient, now that the pages the
 * scraper read can name their institution or ORCID, and rewrites `arxivPapers`. No network and
 * no model: it adds nothing to the critical path. Skipped when no source found anyone.
 * Made by `ArxivHelperStep.selectionStep()`, which shares the helper's settings.
 *
 * @example
 * ```ts
 * const papers = new ArxivHelperStep({ sources });
 * steps: [parser, parallel(scraper, papers), papers.selectionStep(), composer]
 * ```
 */
export class PaperSelectionStep extends BasePipelineStep {
  readonly name = 'paper_selection';
  readonly #settings: PaperSelectionSettings;

  /** Use `ArxivHelperStep.selectionStep()`, which passes the helper's settings. */
  constructor(settings: PaperSelectionSettings) {
    super();
    this.#settings = settings;
  }

  protected async executeStep(data: PipelineData): Promise<StepResult> {
    if (data.paperCandidates.every((lookup) => lookup.candidates.length === 0)) {
      return this.skip('no paper source found anyone under the name');
    }
    const warnings = decidePapers(data, this.#settings, { undecided: false });
    return this.ok({ warnings, metadata: { kept: data.arxivPapers.length } });
  }
}
