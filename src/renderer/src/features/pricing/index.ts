// The pricing capability's public face: the Prices page and how a valuation is written out.
export { PricingPage } from './PricingPage'
export { valuationText } from './PriceForms'
