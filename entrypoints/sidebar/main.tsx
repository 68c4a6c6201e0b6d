import { createRoot } from 'react-dom/client';
import { SidebarApp } from '../../components/sidebar/SidebarApp';
import { frameToken } from '../../lib/ui/frame-token';
import '../../components/tend.css';

// Listen for the content script's token before anything else: it is posted on the
// frame's load event, which can come before React's first effects run.
void frameToken();
createRoot(document.getElementById('root')!).render(<SidebarApp />);
