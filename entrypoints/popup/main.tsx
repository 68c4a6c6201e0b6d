import { createRoot } from 'react-dom/client';
import { readTab, SavePopup } from '../../components/popup/SavePopup';
import '../../components/tend.css';
import '../../components/popup/popup.css';

// Reading the tab (a script injected into it) starts before React mounts, so the two overlap.
const reading = readTab();
// Handled by SavePopup; until it mounts, a failure must not surface as unhandled.
reading.catch(() => {});
createRoot(document.getElementById('root')!).render(<SavePopup reading={reading} />);
