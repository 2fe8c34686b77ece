/**
 * What a PostgreSQL store says to the desktop's side of 同步 (sync.settings,
 * sync.configure, sync.run, `taizhang sync`): a PostgreSQL store is a
 * server's store (`taizhang serve --db postgres://…`), which desktops sync
 * WITH; the desktop's side — the server's address, its 填报员 account, the
 * password in the system's credential store, the queue of what waits to be
 * sent — belongs to a desktop's own 台账 file. A deliberate refusal, not
 * `not_supported`'s "not yet": one sentence for the core and the CLI.
 */
export function desktopSyncRefusal(shown: string): string {
  return (
    `PostgreSQL 数据库“${shown}”是服务器的数据库（taizhang serve），各单位的台账电脑与它同步，它自己不向别的服务器同步：` +
    '“设置 → 服务器”和同步属于台账电脑自己的台账文件。请在台账电脑上用它的台账文件同步（taizhang sync --db 台账文件 …），' +
    '服务器这边用 taizhang serve --db postgres://… 接收各单位的同步。未作任何修改。'
  );
}
