import { createRoot } from 'react-dom/client';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import '../../components/tend.css';
import '../../components/dashboard/dashboard.css';

createRoot(document.getElementById('root')!).render(<DashboardApp />);
