// The analytics capability's public face.
export { AnalyticsPage } from './AnalyticsPage'
