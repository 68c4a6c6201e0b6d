import { createRoot } from 'react-dom/client';
import { SavePopup } from '../../components/popup/SavePopup';
import '../../components/tend.css';
import '../../components/popup/popup.css';

createRoot(document.getElementById('root')!).render(<SavePopup />);
