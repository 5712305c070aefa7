import { test, expect } from '@playwright/test';
import { officerEmail, signInAsDemo, signInAsStaff, waitUntilHydrated } from './helpers';

// The applicant acts (issue 13). Each journey runs hydrated and without JavaScript; each project
// uses its own demo case, so the two never meet.

/** A minimal PNG whose structure is whole (header chunk first, end chunk last). */
function png(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'),
    Buffer.alloc(17), Buffer.alloc(4), Buffer.from('IEND'), Buffer.from([0xae, 0x42, 0x60, 0x82]),
  ]);
}

test('a case filed on paper is added, its Request for Evidence answered with two files, and the receipt shown', async ({ page }, info) => {
  const hydrated = info.project.name === 'hydrated';
  // Hydrated: the access code from the case's notice. Without JavaScript: the date of birth.
  const receipt = hydrated ? 'IOE0912345609' : 'IOE0912345610';
  await signInAsDemo(page);
  await expect(page.getByText(receipt)).toHaveCount(0);
  await page.getByRole('link', { name: 'Add a case filed on paper' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a case filed on paper' })).toBeVisible();

  // A receipt number that is not this record's reads like any other miss.
  await page.getByLabel('Receipt number').fill('SRC2290123406');
  await page.getByLabel('Online access code (optional)').fill('PAPR-4K7N-2QXD');
  await page.getByRole('button', { name: 'Add case' }).click();
  await expect(page.getByText('We could not add this case.').first()).toBeVisible();

  await page.getByLabel('Receipt number').fill(receipt.toLowerCase());
  if (hydrated) {
    await page.getByLabel('Online access code (optional)').fill('papr 4k7n 2qxd');
  } else {
    await page.getByLabel('Online access code (optional)').fill('');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Day').fill('28');
    await page.getByLabel('Year').fill('1986');
  }
  await page.getByRole('button', { name: 'Add case' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${receipt}\\?added=1$`));
  await expect(page.getByText('The case was added to your account.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(hydrated ? 'I-130' : 'I-765');

  // The case asks for initial evidence: answered with two files, signed, and a receipt comes.
  const pdfHref = await page.getByRole('region', { name: 'Notices' }).locator('a[href*="/notices/"]').first().getAttribute('href');
  const pdf = Buffer.from(await (await page.request.get(pdfHref!)).body());
  await page.getByRole('link', { name: 'Respond to the Request for Evidence' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Respond to the Request for Evidence' })).toBeVisible();
  // A file that only claims to be a PDF is refused, and nothing is kept.
  await page.getByLabel('Choose files').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await page.getByRole('button', { name: 'Upload files' }).click();
  await expect(page.getByText('Upload only PDF, JPEG, PNG or TIFF files.').first()).toBeVisible();
  await expect(page.getByText('You have not uploaded any files yet.')).toBeVisible();
  // The refusal opened a fresh page: until it has hydrated, a click posts the form the browser's
  // way, without the bar (CI once clicked that early).
  if (hydrated) await waitUntilHydrated(page);
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'birth certificate.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'photo.png', mimeType: 'image/png', buffer: png() },
  ]);
  // Hydrated, the files go by XMLHttpRequest with a progress bar; without JavaScript, by the form.
  // The bar lives only until the answer's page opens: a watcher notes it in sessionStorage, which
  // outlives that navigation.
  if (hydrated) {
    await page.evaluate(() => {
      sessionStorage.removeItem('sawProgress');
      new MutationObserver(() => {
        if (document.querySelector('progress')) sessionStorage.setItem('sawProgress', '1');
      }).observe(document.body, { subtree: true, childList: true });
    });
  }
  await page.getByRole('button', { name: 'Upload files' }).click();
  await expect(page.getByText('Files uploaded: 2.')).toBeVisible();
  if (hydrated) expect(await page.evaluate(() => sessionStorage.getItem('sawProgress'))).toBe('1');
  const files = page.getByRole('region', { name: 'Your files' });
  await expect(files).toContainText('birth certificate.pdf');
  await expect(files).toContainText('photo.png');
  await page.getByLabel('Your full name').fill('Maria Lopez');
  await page.getByRole('button', { name: 'Submit my response' }).click();
  await expect(page.getByText('Type your full name exactly as it is on your record.').first()).toBeVisible();
  await page.getByLabel('Your full name').fill('María Elena García López');
  await page.getByRole('button', { name: 'Submit my response' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${receipt}\\?responded=1$`));
  await expect(page.getByText('We received your response.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText("Response To USCIS' Request For Evidence Was Received");

  await page.getByRole('link', { name: /Back to your cases/ }).click();
  await expect(page.getByText(receipt).first()).toBeVisible();
});

test('an appointment is rescheduled to a nearby open time, with a reason', async ({ page }) => {
  // Both projects move the same demo appointment, one move each (two is the most allowed): to
  // Santa Ana, then back to Los Angeles, where no move is left.
  await signInAsDemo(page);
  await page.goto('/cases/EAC2290123403');
  const appointments = page.getByRole('region', { name: 'Appointments' });
  const atSantaAna = (await appointments.textContent())!.includes('Santa Ana');
  const to = atSantaAna ? 'Los Angeles Application Support Center' : 'Santa Ana Application Support Center';
  await appointments.getByRole('link', { name: 'Reschedule: Biometrics appointment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reschedule your appointment' })).toBeVisible();
  const rules = await page.getByText(/Reschedules left for this one: \d\./).textContent();
  const left = Number(rules!.match(/(\d)\.$/)![1]);

  // No reason: said beside the field, and the time chosen stays chosen.
  // USWDS draws its own radio button over the real one: a person clicks the label.
  const place = page.getByRole('group', { name: new RegExp(to) });
  await place.locator('label').first().click();
  await page.getByRole('button', { name: 'Reschedule my appointment' }).click();
  await expect(page.getByText('Give a reason of 5 to 2,000 characters.').first()).toBeVisible();
  await expect(page.getByRole('group', { name: new RegExp(to) }).getByRole('radio').first()).toBeChecked();

  await page.getByLabel('Why do you need a new time?').fill('I will be traveling for work that week.');
  await page.getByRole('button', { name: 'Reschedule my appointment' }).click();
  await expect(page).toHaveURL(/\/cases\/EAC2290123403\?rescheduled=1$/);
  await expect(page.getByText('Your appointment was rescheduled.')).toBeVisible();
  await expect(appointments).toContainText(to);
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('Your Appointment Was Moved');
  await expect(appointments.getByRole('link', { name: /Reschedule/ })).toHaveCount(left > 1 ? 1 : 0);
});

test('an inquiry is sent, an officer answers it, and the applicant reads the answer', async ({ page, browser }, info) => {
  const hydrated = info.project.name === 'hydrated';
  // Each project sends its own type, so the officer finds each one's in the queue.
  const kind = hydrated ? 'I did not receive a notice' : 'Something else';
  const question = `Project ${info.project.name}: I never got the interview notice. Can you send it again?`;
  await signInAsDemo(page);
  await page.goto('/cases/EAC2290123403');
  await page.getByRole('region', { name: 'Inquiries' }).getByRole('link', { name: 'Send an inquiry about this case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Send an inquiry' })).toBeVisible();
  // Too early for "outside normal processing time": the choice says from when, and cannot be taken.
  await expect(page.getByRole('radio', { name: /My case is outside normal processing time/ })).toBeDisabled();

  // No type chosen: said beside the choices, and the message typed is kept.
  await page.getByLabel('Your message').fill(question);
  await page.getByRole('button', { name: 'Send inquiry' }).click();
  await expect(page.getByText('Choose what your inquiry is about.').first()).toBeVisible();
  await expect(page.getByLabel('Your message')).toHaveValue(question);
  await page.locator('label', { hasText: kind }).click();
  await page.getByRole('button', { name: 'Send inquiry' }).click();
  await expect(page).toHaveURL(/\/cases\/EAC2290123403\/inquiries\/\d+\?sent=1$/);
  await expect(page.getByText('Your message was sent.')).toBeVisible();
  await expect(page.getByText('Waiting for an answer from USCIS')).toBeVisible();
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages).toContainText(question);

  // The officer answers from the inquiry queue.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signInAsStaff(officer, officerEmail);
  await officer.getByRole('link', { name: 'Inquiries' }).click();
  await officer.getByRole('row').filter({ hasText: kind }).filter({ hasText: 'EAC2290123403' })
    .getByRole('link', { name: 'EAC2290123403' }).click();
  await expect(officer.getByRole('list', { name: 'Messages' })).toContainText(question);
  const answer = `We mailed the interview notice again today (${info.project.name}).`;
  await officer.getByLabel('Your answer').fill(answer);
  await officer.getByRole('button', { name: 'Send the answer' }).click();
  await expect(officer.getByText('Your answer was sent.')).toBeVisible();
  await officerContext.close();

  // Hydrated, the open thread shows the answer without a reload; without JavaScript, on the next load.
  if (!hydrated) await page.reload();
  await expect(messages).toContainText(answer, { timeout: 5_000 });
  await expect(page.getByText('Answered', { exact: true })).toBeVisible();
  await page.getByLabel('Your message').fill('Thank you, it arrived.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('Your message was sent.')).toBeVisible();
  await expect(messages).toContainText('Thank you, it arrived.');
});
