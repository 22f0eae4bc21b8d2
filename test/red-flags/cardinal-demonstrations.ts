// Cardinal's documented demonstrations (cardinal-rs docs/cli/indicators/R/*.md, MIT): each input
// file and settings, and the exact output line `ocdscardinal indicators --no-meta` prints, run
// through `eproc flags` as a user would. docs/examples/settings.ini enables every indicator.
export const SETTINGS_INI =
  '[R003]\n[R018]\n[R024]\n[R025]\n[R028]\n[R030]\n[R035]\n[R036]\n[R038]\n[R048]\n[R058]\n';

export const DEMONSTRATIONS: readonly { code: string; ini: string; jsonl: string; expected: string }[] = [
  {
    code: 'R003',
    ini: SETTINGS_INI,
    jsonl: [
      '{"ocid":"F","tender":{"tenderPeriod":{"startDate":"2020-08-03T18:00:00-05:00","endDate":"2020-08-04T18:00:00-05:00"}}}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R003":1.0}}}',
  },
  {
    code: 'R018',
    ini: SETTINGS_INI,
    jsonl: ['{"ocid":"F","tender":{"numberOfTenderers":1,"procurementMethod":"open"}}'].join('\n'),
    expected: '{"OCID":{"F":{"R018":1.0}}}',
  },
  {
    code: 'R024',
    ini: '[R024]\n',
    jsonl: [
      '{"ocid":"F","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"1","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":100,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"2","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":100,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"3","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":100,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"4","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":100,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}}}',
  },
  {
    code: 'R025',
    ini: '[R025]\n',
    jsonl: [
      '{"ocid":"0","bids":{"details":[{"status":"valid","tenderers":[{"id":"F"}]}]},"awards":[{"status":"active","suppliers":[{"id":"F"}]}]}',
      '{"ocid":"1","bids":{"details":[{"status":"valid","tenderers":[{"id":"F"}]},{"status":"valid","tenderers":[{"id":"1"}]}]},"awards":[{"status":"active","suppliers":[{"id":"1"}]}]}',
      '{"ocid":"2","bids":{"details":[{"status":"valid","tenderers":[{"id":"F"}]},{"status":"valid","tenderers":[{"id":"2"}]}]},"awards":[{"status":"active","suppliers":[{"id":"2"}]}]}',
      '{"ocid":"3","bids":{"details":[{"status":"valid","tenderers":[{"id":"F"}]},{"status":"valid","tenderers":[{"id":"3"}]}]},"awards":[{"status":"active","suppliers":[{"id":"3"}]}]}',
      '{"ocid":"4","bids":{"details":[{"status":"valid","tenderers":[{"id":"F"}]},{"status":"valid","tenderers":[{"id":"4"}]}]},"awards":[{"status":"active","suppliers":[{"id":"4"}]}]}',
      '{"ocid":"5","bids":{"details":[{"status":"valid","tenderers":[{"id":"F"}]},{"status":"valid","tenderers":[{"id":"5"}]}]},"awards":[{"status":"active","suppliers":[{"id":"5"}]}]}',
    ].join('\n'),
    expected: '{"Tenderer":{"F":{"R025":0.16666666666666666}}}',
  },
  {
    code: 'R028',
    ini: SETTINGS_INI,
    jsonl: [
      '{"ocid":"F","bids":{"details":[{"status":"valid","value":{"amount":1,"currency":"USD"},"tenderers":[{"id":"V"}]},{"status":"disqualified","value":{"amount":1,"currency":"USD"},"tenderers":[{"id":"D"}]}]}}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R028":1.0}},"Tenderer":{"D":{"R028":1.0},"V":{"R028":1.0}}}',
  },
  {
    code: 'R030',
    ini: '[R030]\n',
    jsonl: [
      '{"ocid":"F","bids":{"details":[{"status":"valid","date":"2000-04-01T00:00:00Z","tenderers":[{"id":"W"}]}]},"tender":{"tenderPeriod":{"endDate":"2000-03-15T00:00:00Z"}},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R030":1.0}},"Tenderer":{"W":{"R030":1.0}}}',
  },
  {
    code: 'R035',
    ini: '[R035]\n',
    jsonl: [
      '{"ocid":"F","bids":{"details":[{"status":"disqualified","tenderers":[{"id":"D"}]},{"status":"valid","tenderers":[{"id":"V"}]}]},"awards":[{"status":"active","suppliers":[{"id":"V"}]}]}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R035":1.0}},"Tenderer":{"V":{"R035":0.0}}}',
  },
  {
    code: 'R036',
    ini: SETTINGS_INI,
    jsonl: [
      '{"ocid":"F","bids":{"details":[{"status":"disqualified","value":{"amount":1,"currency":"USD"}},{"status":"valid","value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active"}]}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R036":1.0}}}',
  },
  {
    code: 'R038',
    ini: SETTINGS_INI,
    jsonl: [
      '{"ocid":"0","bids":{"details":[{"status":"valid","tenderers":[{"id":"W1"}]},{"status":"disqualified","tenderers":[{"id":"D"}]}]},"buyer":{"id":"B"}}',
      '{"ocid":"1","bids":{"details":[{"status":"valid","tenderers":[{"id":"W2"}]}]},"buyer":{"id":"1"}}',
      '{"ocid":"2","bids":{"details":[{"status":"valid","tenderers":[{"id":"W3"}]}]},"buyer":{"id":"2"}}',
      '{"ocid":"3","bids":{"details":[{"status":"valid","tenderers":[{"id":"W4"}]}]},"buyer":{"id":"3"}}',
      '{"ocid":"4","bids":{"details":[{"status":"valid","tenderers":[{"id":"W5"}]}]},"buyer":{"id":"4"}}',
    ].join('\n'),
    expected: '{"Buyer":{"B":{"R038":0.5}}}',
  },
  {
    code: 'R048',
    ini: '[R048]\nminimum_contracting_processes = 1\n',
    jsonl: [
      '{"ocid":"F","awards":[{"status":"active","suppliers":[{"id":"F"}],"items":[{"classification":{"id":"10000000"}},{"classification":{"id":"11000000"}}]}]}',
      '{"ocid":"1","awards":[{"status":"active","suppliers":[{"id":"1"}],"items":[{"classification":{"id":"10000000"}}]}]}',
      '{"ocid":"2","awards":[{"status":"active","suppliers":[{"id":"2"}],"items":[{"classification":{"id":"10000000"}}]}]}',
      '{"ocid":"3","awards":[{"status":"active","suppliers":[{"id":"3"}],"items":[{"classification":{"id":"10000000"}}]}]}',
      '{"ocid":"4","awards":[{"status":"active","suppliers":[{"id":"4"}],"items":[{"classification":{"id":"10000000"}}]}]}',
    ].join('\n'),
    expected: '{"Tenderer":{"F":{"R048":2.0}}}',
  },
  {
    code: 'R058',
    ini: SETTINGS_INI,
    jsonl: [
      '{"ocid":"F","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":100,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"1","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"2","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"3","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
      '{"ocid":"4","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}',
    ].join('\n'),
    expected: '{"OCID":{"F":{"R058":99.0}},"Tenderer":{"W":{"R058":0.0}}}',
  },
];
