import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPage } from '../lib/articles/extract';

// Injected into the active tab by the save popup (scripting.executeScript, granted
// by activeTab); its return value is the popup's. Reads a clone, changes nothing.
export default defineUnlistedScript(() => extractPage(document, location.href));
