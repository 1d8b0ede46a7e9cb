import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Clock } from "../../clock";
import type { UserDocument, UserService } from "../users";

/** What an authenticator app needs to add the account. */
export interface TotpSetupData {
  readonly secret: string;
  readonly otpauthUrl: string;
  /** A PNG QR code of `otpauthUrl`, as a data: URL. */
  readonly qrCodeDataUrl: string;
}

const ISSUER = "OrderFlow";
const PERIOD_SEC = 30;
/** ±1 step. */
const TOLERANCE_SEC = PERIOD_SEC;

/** TOTP (RFC 6238, Google Authenticator compatible) with replay protection. */
export class TotpService {
  constructor(
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  /** A fresh secret with its otpauth URL and QR code, for `label` (the user's email). */
  async createSetup(label: string): Promise<TotpSetupData> {
    const secret = generateSecret();
    const otpauthUrl = generateURI({ issuer: ISSUER, label, secret });
    const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: "M", margin: 2, width: 240 });
    return { secret, otpauthUrl, qrCodeDataUrl };
  }

  /**
   * Accepts `code` for this user's secret at most once: the time step it matched is stored with a
   * conditional update that only succeeds for a later step than the last accepted one, so a code
   * can never be used twice, even by two concurrent requests.
   */
  async acceptCode(user: UserDocument, code: string): Promise<boolean> {
    const secret = user.totpSecret;
    if (secret === null || !/^\d{6}$/.test(code)) return false;
    const epoch = Math.floor(this.clock.now().getTime() / 1000);
    const result = await verify({ secret, token: code, epoch, epochTolerance: TOLERANCE_SEC });
    if (!result.valid) return false;
    // The 30-second step the code belongs to: the current one, or one either side of it.
    const step = Math.floor(epoch / PERIOD_SEC) + result.delta;
    return this.users.claimTotpStep(user._id, step);
  }
}
