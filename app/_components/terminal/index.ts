// The lab terminal's public surface: the component and the API it hands to its page.
export { LabTerminal, type LabTerminalProps, type TerminalApi } from './lab-terminal'
