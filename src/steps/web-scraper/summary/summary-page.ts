// Its own file: the summary's modules all take pages, and none should import another for a type.
/** The readable text of one scraped page. */
export interface PageText {
  /** 1-based and stable: the `N` of the `[PAGE N]` markers that cite this page. */
  pageNumber: number;
  /** The URL the text came from. */
  url: string;
  title: string;
  text: string;
}
