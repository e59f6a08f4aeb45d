// Shared with the test kit's fixture world, so the hostile pages here parse like its pages do.
export {
  type HtmlDocumentParts,
  htmlDocument,
} from '../../../src/testing/fixture-world/pages/html-document.js';
