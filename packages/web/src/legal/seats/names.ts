/** The lawyer seats page's names: weekdays, who keeps the roster, who reads the figures. */
export const weekdays = ['日', '一', '二', '三', '四', '五', '六'];
export const keepers = ['supervisor', 'administrator'];
export const figureRoles = ['supervisor', 'leader', 'dispatcher', 'inspector', 'administrator', 'lawyer'];
