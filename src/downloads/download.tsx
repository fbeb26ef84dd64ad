/** The download details page (issue 16): a notification's "Show details" opens it at `?id=<download id>` (download-view.tsx). */
import { renderStatusPage } from '../ui/status-page.tsx'
import { DownloadPage, downloadIdOf } from './download-view.tsx'
import '../ui/common.css'
import '../ui/views.css'
import './download.css'

renderStatusPage('downloadPageTitle', <DownloadPage id={downloadIdOf(location.search)} />)
