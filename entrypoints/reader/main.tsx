import { createRoot } from 'react-dom/client';
import { ReaderApp } from '../../components/reader/ReaderApp';
import '../../components/reader/reader.css';

createRoot(document.getElementById('root')!).render(<ReaderApp id={new URLSearchParams(location.search).get('id') ?? ''} />);
