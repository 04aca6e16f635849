// The page's summary desk (summary-desk.ts) in a Web Worker of its own, so summaries cost the page nothing.
import * as Comlink from 'comlink';
import { SummaryDesk } from './summary-desk';

Comlink.expose(new SummaryDesk());
