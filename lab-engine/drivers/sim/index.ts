// The sim driver's public face.
export { SimDriver, SIM_CAPABILITIES, type SimDriverOptions } from './sim-driver'
