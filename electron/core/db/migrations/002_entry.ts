// 002: figure entry — period locks, operator settings (owned by the entry feature, issue 4).
export default /* sql */ `
SELECT 1;
`;
